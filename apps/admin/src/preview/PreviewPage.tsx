// Placeholder: replaced by the screen itself.
export const PreviewPage = () => <div>PreviewPage</div>;
