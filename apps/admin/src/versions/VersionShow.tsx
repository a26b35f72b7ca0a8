// Placeholder: replaced by the screen itself.
export const VersionShow = () => <div>VersionShow</div>;
