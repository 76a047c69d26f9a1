/** Strings of the claims screens, zh-CN and English side by side (the language files include them). */
export const claims = {
  zh: {
    title: 'claims',
  },
  en: {
    title: 'claims',
  },
};
