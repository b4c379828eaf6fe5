import { RESOURCES } from '../src/resources';
import type { PostmanRequest } from '../src/resources/postman';

export type { PostmanRequest };

/** The Postman collection's requests: each resource's own, from its folder (src/resources/index.ts). */
export const REQUESTS: PostmanRequest[] = RESOURCES.flatMap((resource) => resource.postman);
