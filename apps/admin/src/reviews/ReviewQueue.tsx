// Placeholder: replaced by the screen itself.
export const ReviewQueue = () => <div>ReviewQueue</div>;
