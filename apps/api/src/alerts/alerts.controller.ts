import { Body, Controller, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { IdPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AlertsService } from './alerts.service';

const MAX_RECIPIENTS = 20;

const emailSchema = z.string().trim().max(254).pipe(z.email('not a valid e-mail address'));

const testAlertSchema = z.object({ to: emailSchema.optional() }).default({});

const recipientsSchema = z.object({
  recipients: z
    .array(emailSchema)
    .max(MAX_RECIPIENTS, `at most ${MAX_RECIPIENTS} recipients`)
    // The same address typed twice would get every alert twice.
    .transform((list) => list.filter((email, i) => list.findIndex((other) => other.toLowerCase() === email.toLowerCase()) === i)),
});

const schemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object;

@ApiTags('alerts')
@Controller()
export class AlertsController {
  constructor(@Inject(AlertsService) private readonly alerts: AlertsService) {}

  @Post('api/alerts/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a test alert e-mail now (to `to`, or the workspace owner); 503 with the SMTP error' })
  @ApiBody({ schema: schemaOf(testAlertSchema), required: false })
  test(@Body(new ZodValidationPipe(testAlertSchema)) body: z.output<typeof testAlertSchema>) {
    return this.alerts.sendTest(body.to);
  }

  @Put('api/processings/:id/alerts')
  @ApiOperation({ summary: "Set who gets a processing's failure alerts; empty means the workspace owner" })
  @ApiBody({ schema: schemaOf(recipientsSchema) })
  setRecipients(@Param('id', IdPipe) id: string, @Body(new ZodValidationPipe(recipientsSchema)) body: z.output<typeof recipientsSchema>) {
    return this.alerts.setRecipients(id, body.recipients);
  }
}
