/** Strings of the insights screens, zh-CN and English side by side (the language files include them). */
export const insights = {
  zh: {
    title: 'insights',
  },
  en: {
    title: 'insights',
  },
};
