// Placeholder: replaced by the screen itself.
export const VersionCreate = () => <div>VersionCreate</div>;
