#!/usr/bin/env python3
"""Independent ODK submission-encryption helper for Cercle's tests.

Usage:
  odk_crypto.py keygen OUTDIR
      OUTDIR/private.pem  RSA-2048 private key, PKCS#8 PEM, unencrypted
      OUTDIR/public.b64   base64 of the DER SubjectPublicKeyInfo on one line
                          (what XLSForm `public_key` / base64RsaPublicKey holds)

  odk_crypto.py decrypt PRIVATE.pem ENVELOPE.xml DIR
      ENVELOPE.xml is the manifest posted as xml_submission_file; DIR holds the
      .enc files it names. Decrypts every file, checks the PKCS#7 padding and
      the element signature, then writes the decrypted submission XML to stdout
      (bytes, exactly) and each media file into DIR without its .enc suffix.
      Nothing is written unless everything checks out. Exit status 1 with a
      one-line message on stderr on any failure, 2 on bad usage.

Scheme (getodk.github.io/xforms-spec/encryption, as ODK Collect writes it and
Central/Briefcase read it):
  key   = RSA-OAEP(SHA-256, MGF1-SHA-256)^-1(base64EncryptedKey), 32 bytes
  seed  = MD5(UTF-8 instanceID || key); for file i (media in manifest order,
          then the XML last): seed[i % 16] += 1 (mod 256, cumulative), IV = seed
  plain = unpad_pkcs7(AES-256-CFB128(key, IV)^-1(file))
  sig   = RSA-OAEP^-1(base64EncryptedElementSignature) must equal
          MD5("formId\\n" [+ "version\\n" if present and non-empty]
              + "base64EncryptedKey\\ninstanceID\\n"
              + "{media name without .enc}::{md5 hex}\\n" per media file
              + "submission.xml::{md5 hex of the plaintext XML}\\n")
"""

import base64
import hashlib
import os
import sys
import warnings
import xml.etree.ElementTree as ET


class Failure(Exception):
    pass


def _crypto():
    try:
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import padding, rsa
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
    except ImportError as e:  # pragma: no cover
        raise Failure(f"python package 'cryptography' is missing ({e}); pip install cryptography")
    # cryptography 48 deprecates modes.CFB in favour of hazmat.decrepit (it leaves
    # the old place in 49): prefer the new home, fall back quietly to the old one.
    try:
        from cryptography.hazmat.decrepit.ciphers.modes import CFB
    except (ImportError, AttributeError):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from cryptography.hazmat.primitives.ciphers.modes import CFB
    return hashes, serialization, padding, rsa, Cipher, algorithms, CFB


def keygen(outdir):
    hashes, serialization, padding, rsa, *_ = _crypto()
    os.makedirs(outdir, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    der = key.public_key().public_bytes(
        serialization.Encoding.DER,
        serialization.PublicFormat.SubjectPublicKeyInfo,
    )
    priv_path = os.path.join(outdir, "private.pem")
    fd = os.open(priv_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    with open(os.path.join(outdir, "public.b64"), "w", encoding="ascii") as f:
        f.write(base64.b64encode(der).decode("ascii") + "\n")


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(elem, name):
    return [c for c in elem if _local(c.tag) == name]


def _one(elem, name, where):
    found = _children(elem, name)
    if len(found) != 1:
        raise Failure(f"envelope: expected exactly one <{name}> in <{where}>, found {len(found)}")
    return found[0]


def _b64(text, what):
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except Exception:
        raise Failure(f"envelope: {what} is not valid base64")


def _safe_name(name, what):
    if not name or name != os.path.basename(name) or name in (".", "..") or "\\" in name:
        raise Failure(f"envelope: {what} {name!r} is not a plain file name")
    if not name.endswith(".enc") or len(name) == len(".enc"):
        raise Failure(f"envelope: {what} {name!r} does not end in .enc")
    return name


def _unpad_pkcs7(data, name):
    if len(data) == 0 or len(data) % 16 != 0:
        raise Failure(f"{name}: ciphertext length {len(data)} is not a positive multiple of 16")
    n = data[-1]
    if n < 1 or n > 16 or data[-n:] != bytes([n]) * n:
        raise Failure(f"{name}: bad PKCS#7 padding (wrong key, IV, file order or corrupted file)")
    return data[:-n]


def decrypt(private_pem, envelope_path, directory):
    hashes, serialization, padding, rsa, Cipher, algorithms, CFB = _crypto()
    try:
        with open(private_pem, "rb") as f:
            priv = serialization.load_pem_private_key(f.read(), password=None)
    except OSError as e:
        raise Failure(f"cannot read private key {private_pem}: {e.strerror}")
    except Exception as e:
        raise Failure(f"cannot load private key {private_pem}: {e}")
    if not isinstance(priv, rsa.RSAPrivateKey):
        raise Failure(f"{private_pem} is not an RSA private key")
    oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)

    try:
        with open(envelope_path, "rb") as f:
            root = ET.fromstring(f.read())
    except OSError as e:
        raise Failure(f"cannot read envelope {envelope_path}: {e.strerror}")
    except ET.ParseError as e:
        raise Failure(f"envelope is not well-formed XML: {e}")

    if _local(root.tag) != "data":
        raise Failure(f"envelope: root element is <{_local(root.tag)}>, expected <data>")
    if root.get("encrypted") != "yes":
        raise Failure('envelope: root lacks encrypted="yes"')
    form_id = root.get("id")
    if not form_id:
        raise Failure("envelope: root has no id attribute")
    version = root.get("version")

    enc_key_text = _one(root, "base64EncryptedKey", "data").text or ""
    meta = _one(root, "meta", "data")
    instance_id = _one(meta, "instanceID", "meta").text or ""
    if not instance_id:
        raise Failure("envelope: meta/instanceID is empty")
    xml_name = _safe_name((_one(root, "encryptedXmlFile", "data").text or "").strip(), "encryptedXmlFile")
    sig_elems = _children(root, "base64EncryptedElementSignature")
    if len(sig_elems) != 1:
        raise Failure(f"envelope: expected one <base64EncryptedElementSignature>, found {len(sig_elems)}")
    media_names = []
    for m in _children(root, "media"):
        f = _one(m, "file", "media")
        media_names.append(_safe_name((f.text or "").strip(), "media file"))
    all_names = media_names + [xml_name]
    if len(set(all_names)) != len(all_names):
        raise Failure("envelope: a file name appears twice")

    try:
        key = priv.decrypt(_b64(enc_key_text, "base64EncryptedKey"), oaep)
    except Failure:
        raise
    except Exception:
        raise Failure("cannot RSA-OAEP(SHA-256) decrypt base64EncryptedKey (wrong private key?)")
    if len(key) != 32:
        raise Failure(f"decrypted AES key is {len(key)} bytes, expected 32")

    seed = bytearray(hashlib.md5(instance_id.encode("utf-8") + key).digest())
    plains = []
    for i, name in enumerate(all_names):
        path = os.path.join(directory, name)
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise Failure(f"missing or unreadable file {path}: {e.strerror}")
        seed[i % 16] = (seed[i % 16] + 1) & 0xFF
        dec = Cipher(algorithms.AES(key), CFB(bytes(seed))).decryptor()
        plains.append(_unpad_pkcs7(dec.update(data) + dec.finalize(), name))

    sig_src = form_id + "\n"
    if version:  # present and non-empty
        sig_src += version + "\n"
    sig_src += enc_key_text + "\n" + instance_id + "\n"
    for name, plain in zip(media_names, plains):
        sig_src += f"{name[:-len('.enc')]}::{hashlib.md5(plain).hexdigest()}\n"
    sig_src += f"submission.xml::{hashlib.md5(plains[-1]).hexdigest()}\n"
    expected = hashlib.md5(sig_src.encode("utf-8")).digest()
    try:
        got = priv.decrypt(_b64(sig_elems[0].text, "base64EncryptedElementSignature"), oaep)
    except Failure:
        raise
    except Exception:
        raise Failure("cannot RSA-OAEP(SHA-256) decrypt base64EncryptedElementSignature")
    if got != expected:
        raise Failure("element signature mismatch (envelope fields or a decrypted file differ from what was signed)")

    for name, plain in zip(media_names, plains):
        with open(os.path.join(directory, name[:-len(".enc")]), "wb") as f:
            f.write(plain)
    sys.stdout.buffer.write(plains[-1])
    sys.stdout.buffer.flush()


def main(argv):
    if len(argv) == 2 and argv[0] == "keygen":
        keygen(argv[1])
    elif len(argv) == 4 and argv[0] == "decrypt":
        decrypt(argv[1], argv[2], argv[3])
    else:
        sys.stderr.write("usage: odk_crypto.py keygen OUTDIR | decrypt PRIVATE.pem ENVELOPE.xml DIR\n")
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Failure as e:
        sys.stderr.write(f"odk_crypto: {e}\n")
        sys.exit(1)
    except Exception as e:  # anything unexpected still gives a one-line message
        sys.stderr.write(f"odk_crypto: {type(e).__name__}: {e}\n")
        sys.exit(1)
