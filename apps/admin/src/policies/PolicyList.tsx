// Placeholder: replaced by the screen itself.
export const PolicyList = () => <div>PolicyList</div>;
