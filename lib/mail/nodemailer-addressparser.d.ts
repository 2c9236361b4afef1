// nodemailer publishes its address parser as `nodemailer/lib/addressparser` through its package
// exports, which TypeScript's commonjs resolution does not read; the types are the package's own.
declare module 'nodemailer/lib/addressparser' {
  export { default } from 'nodemailer/dist/cjs/addressparser';
}
