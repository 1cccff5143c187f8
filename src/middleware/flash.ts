// One-shot messages carried across a redirect (post/redirect/get), kept in the session.
import type { Request } from 'express';
import type { Flash } from '../types/session';

export function setFlash(req: Request, flash: Flash): void {
  req.session.flash = flash;
}

export function takeFlash(req: Request): Flash | undefined {
  const flash = req.session.flash;
  if (flash !== undefined) delete req.session.flash;
  return flash;
}
