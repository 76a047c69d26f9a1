import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from src/db/schema.ts; the app applies them at start (never run
// drizzle-kit against a data dir the app has open).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
