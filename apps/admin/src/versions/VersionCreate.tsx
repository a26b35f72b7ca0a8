import { Create } from 'react-admin';
import { useLocation } from 'react-router-dom';
import { VersionCreateForm, toSaved, useSaveErrorHandler } from './VersionForm';

/**
 * A new DRAFT version of a policy. `?source={"policyKey":"…"}` presets the policy; the content starts from the version in
 * force today. The JSON editor's text (kinds without their own editor) is parsed back into `content` on save.
 */
export const VersionCreate = () => {
  const onError = useSaveErrorHandler();
  // A new ?source= (e.g. "new version" of another policy while on this page) starts a fresh form.
  const { search } = useLocation();
  return (
    <Create key={search} title="versions.title.create" redirect="show" mutationOptions={{ onError }} transform={toSaved}>
      <VersionCreateForm />
    </Create>
  );
};
