-- Run once by the postgres image on a new volume, as its superuser (which then migrates, as MIGRATION_DATABASE_URL):
-- the API's own login, a member of policy_cms_runtime, owning nothing. See README, "Deploying on your own PostgreSQL".
CREATE ROLE policy_cms_runtime NOLOGIN;
CREATE ROLE policy_cms_api LOGIN PASSWORD 'policy_cms_api' IN ROLE policy_cms_runtime;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
