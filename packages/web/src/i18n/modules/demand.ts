/** Strings of the demand screens, zh-CN and English side by side (the language files include them). */
export const demand = {
  zh: {
    title: 'demand',
  },
  en: {
    title: 'demand',
  },
};
