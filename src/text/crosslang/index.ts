export { anchorsOf, domainsIn, numbersIn, skeleton } from './anchors.ts';
export {
  CrossLanguageIndex,
  LINK_DEFAULTS,
  type CrossLanguageLink,
  type CrossLanguageStory,
  type LinkOptions,
} from './link.ts';
