export { type DemoPolicy, type DemoPublication, demoPolicies, demoPublications } from './demo-data';
