// Placeholder: replaced by the screen itself.
export const UserCreate = () => <div>UserCreate</div>;
