/** Texts of the versions screens (owned by the versions screens). */
export const versionMessages = {
  versions: {},
};
