/** Strings of the services screens, zh-CN and English side by side (the language files include them). */
export const services = {
  zh: {
    title: 'services',
  },
  en: {
    title: 'services',
  },
};
