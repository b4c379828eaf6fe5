export interface SearchParams {
  /** e.g. `#devops -is:retweet` */
  query: string;
  since_id?: string;
  /** 10..100 */
  max_results: number;
  next_token?: string;
}

