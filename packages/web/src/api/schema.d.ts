/**
 * Placeholder written by hand from the agreed API contract, in the shape openapi-typescript emits.
 * `npm run gen:client -w @rencai/web` overwrites it from packages/server/openapi.json.
 */

export interface paths {
  '/api/v1/meta': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: operations['getMeta'];
  };
  '/api/v1/auth/demo-accounts': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: operations['listDemoAccounts'];
  };
  '/api/v1/auth/login': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: operations['login'];
  };
  '/api/v1/auth/logout': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: operations['logout'];
  };
  '/api/v1/auth/me': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: operations['getMe'];
  };
  '/api/v1/d/{district}/audit': {
    parameters: { query?: never; header?: never; path: { district: string }; cookie?: never };
    get: operations['listAudit'];
  };
  '/api/v1/d/{district}/audit/verify': {
    parameters: { query?: never; header?: never; path: { district: string }; cookie?: never };
    post: operations['verifyAudit'];
  };
}

export type webhooks = Record<string, never>;

export interface components {
  schemas: {
    Error: { error: { code: string; message: string; details?: unknown } };
    LocalisedName: { zh: string; en: string };
    District: { code: string; name: components['schemas']['LocalisedName'] };
    Meta: { demo: boolean; version: string; districts: components['schemas']['District'][] };
    Role: 'talent' | 'enterprise' | 'reviewer' | 'expert' | 'provider' | 'station' | 'admin';
    DemoAccount: {
      username: string;
      role: components['schemas']['Role'];
      district: string;
      displayName: string;
    };
    User: {
      id: string;
      username: string;
      role: components['schemas']['Role'];
      district: string;
      displayName: string;
      department: string | null;
    };
    AuditEntry: {
      seq: number;
      at: string;
      actor: string | null;
      role: string | null;
      action: string;
      object: string | null;
      outcome: string;
      ip: string | null;
    };
    AuditPage: { items: components['schemas']['AuditEntry'][]; nextBefore: number | null };
    AuditVerification: {
      ok: boolean;
      checked: number;
      firstBad: { seq: number; position: number; reason: string } | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}

type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type ErrorResponse = Json<components['schemas']['Error']>;

export interface operations {
  getMeta: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: { 200: Json<components['schemas']['Meta']>; default: ErrorResponse };
  };
  listDemoAccounts: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: {
      200: Json<{ items: components['schemas']['DemoAccount'][] }>;
      default: ErrorResponse;
    };
  };
  login: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody: { content: { 'application/json': { username: string; password: string } } };
    responses: {
      200: Json<{ user: components['schemas']['User'] }>;
      400: ErrorResponse;
      401: ErrorResponse;
      423: ErrorResponse;
      429: ErrorResponse;
    };
  };
  logout: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: { 204: { headers: { [name: string]: unknown }; content?: never }; default: ErrorResponse };
  };
  getMe: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: { 200: Json<{ user: components['schemas']['User'] }>; 401: ErrorResponse };
  };
  listAudit: {
    parameters: {
      query?: { limit?: number; before?: number };
      header?: never;
      path: { district: string };
      cookie?: never;
    };
    requestBody?: never;
    responses: { 200: Json<components['schemas']['AuditPage']>; default: ErrorResponse };
  };
  verifyAudit: {
    parameters: { query?: never; header?: never; path: { district: string }; cookie?: never };
    requestBody?: never;
    responses: { 200: Json<components['schemas']['AuditVerification']>; default: ErrorResponse };
  };
}
