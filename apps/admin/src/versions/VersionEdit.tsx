// Placeholder: replaced by the screen itself.
export const VersionEdit = () => <div>VersionEdit</div>;
