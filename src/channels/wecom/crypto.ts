// WeCom callback crypto (加解密方案说明): SHA-1 signature over the sorted token, timestamp,
// nonce and ciphertext; AES-256-CBC with 32-byte PKCS#7 padding. The maths is @wecom/crypto's;
// this module adds constant-time signature checks and refuses malformed plaintext instead of
// returning garbage.
import { timingSafeEqual } from 'node:crypto';
import { decrypt as wecomDecrypt, encrypt as wecomEncrypt, getSignature } from '@wecom/crypto';

/** The official SDK's error codes, kept so logs read like WeCom's documentation. */
export const CRYPTO_ERRORS = {
  badSignature: -40001,
  badXml: -40002,
  badKey: -40004,
  receiveIdMismatch: -40005,
  decryptFailed: -40007,
} as const;

export class WecomCryptoError extends Error {
  constructor(
    readonly code: (typeof CRYPTO_ERRORS)[keyof typeof CRYPTO_ERRORS],
    message: string,
  ) {
    super(message);
    this.name = 'WecomCryptoError';
  }
}

export interface WecomCryptoOptions {
  token: string;
  encodingAesKey: string;
  /** The receive id the plaintext must end with: the CorpID for self-built apps. */
  receiveId: string;
}

export function createWecomCrypto(options: WecomCryptoOptions) {
  const { token, encodingAesKey, receiveId } = options;
  if (Buffer.from(`${encodingAesKey}=`, 'base64').length !== 32) {
    throw new WecomCryptoError(CRYPTO_ERRORS.badKey, 'EncodingAESKey does not decode to 32 bytes');
  }

  const sign = (timestamp: string, nonce: string, encrypted: string): string => getSignature(token, timestamp, nonce, encrypted);

  return {
    sign,

    /** Constant-time comparison, so the signature cannot be guessed byte by byte. */
    verify(signature: string, timestamp: string, nonce: string, encrypted: string): boolean {
      const expected = Buffer.from(sign(timestamp, nonce, encrypted), 'utf8');
      const given = Buffer.from(signature.toLowerCase(), 'utf8');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },

    /** Decrypts and checks the layout and the receive id; throws WecomCryptoError otherwise. */
    decrypt(encrypted: string): string {
      // 16 random + 4 length bytes, padded to 32: anything shorter than one AES block pair is junk.
      const raw = Buffer.from(encrypted, 'base64');
      if (raw.length < 32 || raw.length % 32 !== 0) {
        throw new WecomCryptoError(CRYPTO_ERRORS.decryptFailed, `ciphertext length ${raw.length} is not a multiple of 32`);
      }
      let result: { message: string; id: string };
      try {
        result = wecomDecrypt(encodingAesKey, encrypted);
      } catch (error) {
        throw new WecomCryptoError(CRYPTO_ERRORS.decryptFailed, `decrypt failed: ${(error as Error).message}`);
      }
      // The library slices by the embedded length without bounds checks, so check the layout:
      // 16 random + 4 length + message + receive id, padded to the next multiple of 32.
      const used = 20 + Buffer.byteLength(result.message) + Buffer.byteLength(result.id);
      if (result.message === '' || raw.length !== used + (32 - (used % 32))) {
        throw new WecomCryptoError(CRYPTO_ERRORS.decryptFailed, 'decrypted payload has no valid layout (wrong key or not WeCom ciphertext)');
      }
      if (result.id !== receiveId) {
        throw new WecomCryptoError(CRYPTO_ERRORS.receiveIdMismatch, 'receive id does not match the corp id');
      }
      return result.message;
    },

    /** Encrypts as WeCom does (used by passive replies and by the test client). */
    encrypt(message: string, random?: Buffer): string {
      return wecomEncrypt(encodingAesKey, message, receiveId, random);
    },
  };
}

export type WecomCrypto = ReturnType<typeof createWecomCrypto>;
