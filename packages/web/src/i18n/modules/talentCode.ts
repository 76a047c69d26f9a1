/** Strings of the talentCode screens, zh-CN and English side by side (the language files include them). */
export const talentCode = {
  zh: {
    title: 'talentCode',
  },
  en: {
    title: 'talentCode',
  },
};
