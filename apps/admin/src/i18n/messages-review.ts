/** Texts of the review, preview and audit screens (owned by those screens). */
export const reviewMessages = {
  review: {},
};
