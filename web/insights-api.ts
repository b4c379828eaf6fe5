/** An answer of the API other than 2xx, with the problem+json `detail` when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`The API answered ${status}: ${detail}`);
  }
}

/** GET a JSON answer of our API; empty parameters are left out. */
export async function getJson<T>(path: string, params: Record<string, string | number> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== '') query.set(name, String(value));
  const url = query.size ? `${path}?${query.toString()}` : path;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'the server could not be reached');
  }
  if (!response.ok) throw new ApiError(response.status, await problemDetail(response));
  return (await response.json()) as T;
}

async function problemDetail(response: Response): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: string; title?: string };
    return problem.detail ?? problem.title ?? response.statusText;
  } catch {
    return response.statusText;
  }
}
