// nodemailer publishes its MIME composer as `nodemailer/lib/mail-composer` through its package
// exports, which TypeScript's commonjs resolution does not read; the types are the package's own.
declare module 'nodemailer/lib/mail-composer' {
  export { default } from 'nodemailer/dist/cjs/mail-composer';
  export type * from 'nodemailer/dist/cjs/mail-composer';
}
