import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * 413 at once, then the connection closes: the sender learns the limit without first uploading
 * (or pretending to upload) the whole body, and the server stops reading it.
 */
function refuse(res: Response, limit: number): void {
  if (res.headersSent) return;
  res.setHeader('Connection', 'close');
  res.status(413).json({ statusCode: 413, message: `The body is larger than the limit of ${limit} bytes.` });
}

/** A declared Content-Length over the limit is refused before a byte of the body is read. */
export function refuseDeclaredOversize(limit: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return refuse(res, limit);
    next();
  };
}

/**
 * Reads the raw body into `req.body` (a Buffer), refusing on the header first and, for a body sent
 * without a length (chunked) or longer than declared, the moment it passes the limit.
 */
export function limitedRawBody(limit: number): RequestHandler {
  const declaredCheck = refuseDeclaredOversize(limit);
  return (req: Request, res: Response, next: NextFunction) =>
    declaredCheck(req, res, () => {
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const finish = (error?: Error) => {
        if (done) return;
        done = true;
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', finish);
        if (error) return next(error);
        req.body = Buffer.concat(chunks, size);
        next();
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limit) return void chunks.push(chunk);
        done = true;
        req.off('data', onData);
        req.pause();
        refuse(res, limit);
      };
      const onEnd = () => finish();
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', finish);
    });
}
