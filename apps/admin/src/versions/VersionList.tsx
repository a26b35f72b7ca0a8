// Placeholder: replaced by the screen itself.
export const VersionList = () => <div>VersionList</div>;
