//! ODK encrypted submissions (C8), exactly as the ODK encryption spec and ODK Collect do them,
//! so ODK Central (with its project passphrase), Briefcase and KoboToolbox can decrypt them.
//!
//! All cryptography comes from RustCrypto (rsa, aes, cfb-mode, md-5, sha2); this module only
//! arranges their calls in the spec's order: a fresh AES-256 key per submission, wrapped with
//! RSA-OAEP (SHA-256, MGF1-SHA-256); each file AES-256-CFB with PKCS#7 padding, media first and
//! the instance XML last; IVs from MD5(instanceID ‖ key) with one byte bumped per file; and a
//! signature over the submission's identity and the files' plaintext MD5s.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use cfb_mode::cipher::block_padding::Pkcs7;
use cfb_mode::cipher::{BlockEncryptMut, KeyIvInit};
use md5::{Digest, Md5};
use rsa::pkcs8::DecodePublicKey;
use rsa::{Oaep, RsaPublicKey};
use sha2::Sha256;

use super::Part;

/// The name the encrypted instance takes (the spec's, which decrypters look for).
pub const ENCRYPTED_XML: &str = "submission.xml.enc";

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EncryptError {
    #[error("the form's public key cannot be read: {0}")]
    BadKey(String),
    #[error("encryption failed: {0}")]
    Failed(String),
}

/// A form's `base64RsaPublicKey`: base64 of a DER SubjectPublicKeyInfo.
pub fn public_key(base64_key: &str) -> Result<RsaPublicKey, EncryptError> {
    let compact: String = base64_key.chars().filter(|c| !c.is_whitespace()).collect();
    let der = BASE64.decode(compact).map_err(|e| EncryptError::BadKey(e.to_string()))?;
    RsaPublicKey::from_public_key_der(&der).map_err(|e| EncryptError::BadKey(e.to_string()))
}

fn wrap(key: &RsaPublicKey, bytes: &[u8]) -> Result<String, EncryptError> {
    let wrapped = key
        .encrypt(&mut rsa::rand_core::OsRng, Oaep::new::<Sha256>(), bytes)
        .map_err(|e| EncryptError::Failed(e.to_string()))?;
    Ok(BASE64.encode(wrapped))
}

/// What goes to the server for an encrypted form: the manifest as `xml_submission_file`, then
/// the encrypted media and `submission.xml.enc`. `media` are (file name, bytes) in order.
pub fn encrypt_submission(
    base64_key: &str,
    form_id: &str,
    version: &str,
    instance_id: &str,
    xml: &[u8],
    media: &[(String, Vec<u8>)],
) -> Result<Vec<Part>, EncryptError> {
    let rsa_key = public_key(base64_key)?;
    let mut aes_key = [0u8; 32];
    rand::fill(&mut aes_key);
    let encrypted_key = wrap(&rsa_key, &aes_key)?;

    let mut seed: [u8; 16] = Md5::new().chain_update(instance_id.as_bytes()).chain_update(aes_key).finalize().into();
    let files: Vec<(&str, &[u8])> =
        media.iter().map(|(n, b)| (n.as_str(), b.as_slice())).chain([("submission.xml", xml)]).collect();
    let mut signed = String::new();
    signed.push_str(form_id);
    signed.push('\n');
    if !version.is_empty() {
        signed.push_str(version);
        signed.push('\n');
    }
    signed.push_str(&encrypted_key);
    signed.push('\n');
    signed.push_str(instance_id);
    signed.push('\n');
    let mut encrypted_parts = Vec::new();
    for (i, (name, plain)) in files.iter().enumerate() {
        // The spec's IV: the seed, one byte bumped per file, cumulatively.
        seed[i % 16] = seed[i % 16].wrapping_add(1);
        let cipher = cfb_mode::Encryptor::<aes::Aes256>::new(&aes_key.into(), &seed.into());
        let encrypted = cipher.encrypt_padded_vec_mut::<Pkcs7>(plain);
        signed.push_str(&format!("{name}::{:x}\n", Md5::digest(plain)));
        let enc_name = format!("{name}.enc");
        encrypted_parts.push(Part {
            name: enc_name.clone(),
            file_name: enc_name,
            content_type: "application/octet-stream".into(),
            bytes: encrypted,
        });
    }
    let signature = wrap(&rsa_key, &Md5::digest(signed.as_bytes()))?;
    aes_key.fill(0);

    let esc = |s: &str| quick_xml::escape::escape(s).into_owned();
    let mut manifest = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    manifest.push_str(&format!(
        "<data xmlns=\"http://opendatakit.org/submissions\" xmlns:orx=\"http://openrosa.org/xforms\" encrypted=\"yes\" id=\"{}\"",
        esc(form_id)
    ));
    if !version.is_empty() {
        manifest.push_str(&format!(" version=\"{}\"", esc(version)));
    }
    manifest.push_str(">\n");
    manifest.push_str(&format!("<base64EncryptedKey>{encrypted_key}</base64EncryptedKey>\n"));
    manifest.push_str(&format!("<orx:meta><orx:instanceID>{}</orx:instanceID></orx:meta>\n", esc(instance_id)));
    for (name, _) in media {
        manifest.push_str(&format!("<media><file>{}.enc</file></media>\n", esc(name)));
    }
    manifest.push_str(&format!("<encryptedXmlFile>{ENCRYPTED_XML}</encryptedXmlFile>\n"));
    manifest.push_str(&format!(
        "<base64EncryptedElementSignature>{signature}</base64EncryptedElementSignature>\n</data>\n"
    ));

    let mut parts = vec![Part::xml(manifest.into_bytes())];
    parts.extend(encrypted_parts);
    Ok(parts)
}
