import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { NextFunction, Request, Response } from 'express';
import { AppModule, AppModuleOptions } from './app.module';

/** Builds the API the same way for `npm start` and for the end-to-end tests. */
export async function createApp(options: AppModuleOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: options.config.bodyLimit });
  // A body over the limit is refused before GraphQL sees it; answer it in the contract's error shape.
  app.use((error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (error?.type === 'entity.too.large' || error?.status === 413) {
      res.status(413).json({
        errors: [{ message: `the request body exceeds ${options.config.bodyLimit}`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
      });
      return;
    }
    if (error?.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }] });
      return;
    }
    next(error);
  });
  await app.init();
  return app;
}
