/** Strings of the records screens, zh-CN and English side by side (the language files include them). */
export const records = {
  zh: {
    title: 'records',
  },
  en: {
    title: 'records',
  },
};
