/** The parts of a WHATWG URL the service reads. */
export interface ParsedUrl {
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

type UrlConstructor = new (input: string, base?: string) => ParsedUrl;

// The runtime's URL class (Node, browsers, workers), found without depending on DOM or Node types.
const UrlClass = (globalThis as unknown as { readonly URL: UrlConstructor }).URL;

/**
 * Parses a URL with the runtime's WHATWG URL parser.
 * @param value - the URL, or a path when `base` is given
 * @param base - the base to resolve a relative value against
 * @returns the parsed URL, or undefined when it is not a URL
 */
export const parseUrl = (value: string, base?: string): ParsedUrl | undefined => {
  try {
    return base === undefined ? new UrlClass(value) : new UrlClass(value, base);
  } catch {
    return undefined;
  }
};
