// The share link: #assessment=<base64url of the UTF-8 JSON>, padding optional.
// The fragment never reaches the server; decoding errors are reported in Chinese.

const PREFIX = "#assessment=";

export function encodeFragment(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return PREFIX + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// Returns null when the URL carries no assessment, else the decoded JSON text; throws an Error
// with a message for the reader when the link is damaged.
export function decodeFragment(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  const data = hash.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(data) || data.replace(/=+$/, "").length % 4 === 1) {
    throw new Error("链接中的评价数据不是有效的 base64url 编码（可能在复制时被截断或改动）");
  }
  const base64 = data.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error("链接中的评价数据不是 UTF-8 编码的文本");
  }
}
