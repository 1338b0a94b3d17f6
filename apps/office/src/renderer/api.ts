// The staff face's address book: every call carries the session's token.
export const token = new URLSearchParams(location.search).get('token') ?? '';
export const api = (path: string, init: RequestInit = {}) => fetch(path, { ...init, headers: { ...init.headers, 'x-seggio-token': token } });
