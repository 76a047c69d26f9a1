/** Strings of the matching screens, zh-CN and English side by side (the language files include them). */
export const matching = {
  zh: {
    title: 'matching',
  },
  en: {
    title: 'matching',
  },
};
