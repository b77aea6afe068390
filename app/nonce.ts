// The CSP nonce of this response, for every inline script React renders on the server. From a
// context (set in entry.server.tsx), not from the root loader: when no route matches, the root
// loader does not run, and the 404 page's scripts would go out without a nonce (blocked by the CSP).
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
