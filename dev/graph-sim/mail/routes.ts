/**
 * The mail part of the Graph route table (../routes.ts): `/users/{id-or-upn}/…`. Every route but
 * the user itself goes through mailRoute (access.ts): tenant, RBAC scope and concurrency limit.
 */
import type { Handler } from '../routes';
import { mailRoute } from './access';
import { getDelta } from './delta';
import { getChildFolders, getFolder, getRootFolders, getUser, postChildFolder } from './folders';
import { getFolderMessages, getMessage, getMessageValue, patchMessage, postMove } from './messages';
import { postSendMail } from './send';
import { postDraft, postSendDraft } from './drafts';
import { postAttachmentSession } from './draftsUpload';

const USER = '/users/{user-id}';
const FOLDER = `${USER}/mailFolders/{folder-id}`;
const MESSAGE = `${USER}/messages/{message-id}`;

export const MAIL_ROUTES: [string, string, Handler][] = [
  ['GET', USER, getUser],
  ['GET', `${USER}/mailFolders`, mailRoute(getRootFolders)],
  ['GET', FOLDER, mailRoute(getFolder)],
  ['GET', `${FOLDER}/childFolders`, mailRoute(getChildFolders)],
  ['POST', `${FOLDER}/childFolders`, mailRoute(postChildFolder)],
  ['GET', `${FOLDER}/messages`, mailRoute(getFolderMessages)],
  // The key form of a folder, as Microsoft's examples write Sent Items: mailFolders('sentitems').
  ['GET', `${USER}/mailFolders('{folder-id}')/messages`, mailRoute(getFolderMessages)],
  ['GET', `${FOLDER}/messages/delta`, mailRoute(getDelta)],
  ['GET', MESSAGE, mailRoute(getMessage)],
  ['GET', `${MESSAGE}/$value`, mailRoute(getMessageValue)],
  ['PATCH', MESSAGE, mailRoute(patchMessage)],
  ['POST', `${MESSAGE}/move`, mailRoute(postMove)],
  ['POST', `${USER}/sendMail`, mailRoute(postSendMail, 'send')],
  ['POST', `${USER}/messages`, mailRoute(postDraft)],
  ['POST', `${MESSAGE}/send`, mailRoute(postSendDraft, 'send')],
  ['POST', `${MESSAGE}/attachments/createUploadSession`, mailRoute(postAttachmentSession)],
];
