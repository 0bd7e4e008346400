#!/usr/bin/env node
// odk_encrypt_reference.js PUBLIC.b64 FORM_ID VERSION PLAIN.xml OUTDIR [MEDIA...]
//
// Offline copy of the reference encrypter in shared/tools/central/encrypted-submission
// (Node's crypto only, no server): builds an ODK-encrypted submission from a plaintext
// instance, for checking Cercle's encrypter and tests/tools/odk_crypto.py against it.
// Differences from the original: the public key comes from PUBLIC.b64 (base64 DER
// SubjectPublicKeyInfo, as written by `odk_crypto.py keygen`), form id and version come
// from the arguments (VERSION "" = the form has no version: no attribute, no signature
// line), and optional MEDIA files are encrypted first, in the given order, to
// OUTDIR/<basename>.enc, each listed as <media><file>, as ODK Collect does.
// Writes OUTDIR/submission.xml (the envelope, post as xml_submission_file),
// OUTDIR/submission.xml.enc and the media .enc files.
// Scheme: random AES-256 key; RSA-OAEP(SHA-256, MGF1-SHA-256) of it in base64EncryptedKey;
// IV = md5(instanceID || key) with byte [i % 16] incremented once per file i (cumulative;
// media first, the XML last); AES-256-CFB128 over PKCS#7-padded bytes; element signature =
// RSA-OAEP of md5("formId\n[version\n]base64EncryptedKey\ninstanceID\n" +
// "name::md5hex(plain)\n" per media file + "submission.xml::md5hex(plain)\n").
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
if (args.length < 5) {
  console.error('usage: odk_encrypt_reference.js PUBLIC.b64 FORM_ID VERSION PLAIN.xml OUTDIR [MEDIA...]');
  process.exit(2);
}
const [pubPath, formId, versionArg, plainPath, outDir, ...mediaPaths] = args;
const version = versionArg === '' ? null : versionArg;

const pubB64 = fs.readFileSync(pubPath, 'utf8').trim();
const plain = fs.readFileSync(plainPath);
const inst = /<(?:[\w-]+:)?instanceID>\s*([^<\s]+)\s*</.exec(plain.toString('utf8'));
if (!inst) { console.error('plain submission has no meta/instanceID'); process.exit(1); }
const instanceId = inst[1];
fs.mkdirSync(outDir, { recursive: true });

const pub = crypto.createPublicKey({ key: Buffer.from(pubB64, 'base64'), format: 'der', type: 'spki' });
const rsa = (buf) => crypto.publicEncrypt({ key: pub, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, buf);
const key = crypto.randomBytes(32);
const encKey = rsa(key).toString('base64');

const iv = crypto.createHash('md5').update(instanceId, 'utf8').update(key).digest();
let fileIndex = 0;
const encrypt = (data) => {
  iv[fileIndex % 16] += 1; // Uint8Array: wraps at 256
  fileIndex += 1;
  const padLen = 16 - (data.length % 16);
  const padded = Buffer.concat([data, Buffer.alloc(padLen, padLen)]);
  const cipher = crypto.createCipheriv('aes-256-cfb', key, iv).setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]);
};
const md5hex = (b) => crypto.createHash('md5').update(b).digest('hex');

let sigSrc = `${formId}\n`;
if (version != null && version !== '') sigSrc += `${version}\n`;
sigSrc += `${encKey}\n${instanceId}\n`;

const mediaNames = [];
for (const m of mediaPaths) {
  const name = path.basename(m);
  const data = fs.readFileSync(m);
  fs.writeFileSync(path.join(outDir, `${name}.enc`), encrypt(data));
  sigSrc += `${name}::${md5hex(data)}\n`;
  mediaNames.push(`${name}.enc`);
}
fs.writeFileSync(path.join(outDir, 'submission.xml.enc'), encrypt(plain));
sigSrc += `submission.xml::${md5hex(plain)}\n`;
const sig = rsa(crypto.createHash('md5').update(sigSrc, 'utf8').digest()).toString('base64');

const esc = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const media = mediaNames.map((n) => `<media><file>${esc(n)}</file></media>\n`).join('');
const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<data xmlns="http://opendatakit.org/submissions" xmlns:orx="http://openrosa.org/xforms" encrypted="yes" id="${esc(formId)}"${version != null ? ` version="${esc(version)}"` : ''}>
<base64EncryptedKey>${encKey}</base64EncryptedKey>
<orx:meta><orx:instanceID>${esc(instanceId)}</orx:instanceID></orx:meta>
${media}<encryptedXmlFile>submission.xml.enc</encryptedXmlFile>
<base64EncryptedElementSignature>${sig}</base64EncryptedElementSignature>
</data>
`;
fs.writeFileSync(path.join(outDir, 'submission.xml'), manifest);
console.error(`[odk_encrypt_reference] wrote ${outDir}/submission.xml, submission.xml.enc and ${mediaNames.length} media file(s) for ${formId} version ${version} instance ${instanceId}`);
