export * from './features.ts';
export * from './stated-date.ts';
export * from './profile.ts';
export * from './similarity.ts';
export * from './assign.ts';
export * from './plan.ts';
export * from './memory-events.ts';
export * from './development.ts';
