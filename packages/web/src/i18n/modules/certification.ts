/** Strings of the certification screens, zh-CN and English side by side (the language files include them). */
export const certification = {
  zh: {
    title: 'certification',
  },
  en: {
    title: 'certification',
  },
};
