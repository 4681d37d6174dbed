import assert from 'node:assert/strict';
import { test } from 'node:test';
import i18next from 'i18next';
import { ApiError } from '../api/http-client.ts';
import { problemText } from './problem-text.ts';

const i18n = i18next.createInstance();
await i18n.init({
  lng: 'fr', initAsync: false, interpolation: { escapeValue: false },
  resources: { fr: { translation: { errors: { UNKNOWN: 'Erreur.', COMPUTER_OF_ANOTHER_CUSTOMER: '{{hostName}} est au client {{customerNumber}}.', LOGON_LOCKED: 'Attendez {{minutes}} minutes.', VALIDATION_FAILED: 'Pas valide.' }, fieldErrors: { NAME_CHARACTERS: 'Nom illisible.' } } } },
});
const text = (error: unknown) => problemText(i18n.t, (key) => i18n.exists(key), error);

test('problemText: a translated message names the problem\'s own fields, not the English detail', () => {
  const error = new ApiError({ status: 409, code: 'COMPUTER_OF_ANOTHER_CUSTOMER', detail: 'This request file comes from LAB-PC…', hostName: 'LAB-PC', customerNumber: '100002' });
  assert.equal(text(error), 'LAB-PC est au client 100002.');
});

test('problemText: minutes from retryAfterSeconds, rounded up; the server\'s detail for an unknown code; a generic message otherwise', () => {
  assert.equal(text(new ApiError({ status: 429, code: 'LOGON_LOCKED', detail: 'Too many', retryAfterSeconds: 61 })), 'Attendez 2 minutes.');
  assert.equal(text(new ApiError({ status: 409, code: 'SOMETHING_NEW', detail: 'What the server says.' })), 'What the server says.');
  assert.equal(text(new Error('boom')), 'Erreur.');
});

test('problemText: a field error with a code of its own is told by that code\'s message; otherwise the code of the problem', () => {
  const errors = [{ field: 'body.email', message: 'is not an email' }, { field: 'body.name', message: 'holds a control character (U+0007)', code: 'NAME_CHARACTERS' }];
  assert.equal(text(new ApiError({ status: 400, code: 'VALIDATION_FAILED', detail: 'The request is not valid', errors })), 'Nom illisible.');
  assert.equal(text(new ApiError({ status: 400, code: 'VALIDATION_FAILED', detail: 'The request is not valid', errors: [errors[0], { ...errors[1], code: 'SOMETHING_NEW' }] })), 'Pas valide.');
});
