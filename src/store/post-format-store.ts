import type { PostFormat } from '../domain/post-format.ts';

/** A subscription's saved post format, with who saved it and when. */
export interface SavedFormat {
  subscriptionId: string;
  format: PostFormat;
  updatedBy: string;
  updatedAt: Date;
}

/**
 * Post formats, one per subscription (none: the default card). Every implementation passes
 * test/contract/post-format-store.contract.ts.
 */
export interface PostFormatStore {
  getFormat(subscriptionId: string): Promise<SavedFormat | undefined>;
  saveFormat(saved: SavedFormat): Promise<void>;
  /** Back to the default card; false when there was no format. */
  removeFormat(subscriptionId: string): Promise<boolean>;
}
