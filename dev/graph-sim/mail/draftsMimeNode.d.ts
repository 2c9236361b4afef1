// nodemailer publishes its MIME node as `nodemailer/lib/mime-node` through its package exports,
// which TypeScript's commonjs resolution does not read; the types are the package's own.
declare module 'nodemailer/lib/mime-node' {
  export { default } from 'nodemailer/dist/cjs/mime-node';
  export type * from 'nodemailer/dist/cjs/mime-node';
}
