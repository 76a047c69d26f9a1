// The e-mail delivery job: sends the outbox through SMTP when RENCAI_SMTP_URL is set (a no-op otherwise).
import { defineJob } from '../../jobs/queue';
import { deliverPendingEmails } from './notifications.service';

export const deliverEmailsJob = defineJob<Record<string, never>>(
  'notifications-deliver-email',
  async (job) => {
    await deliverPendingEmails(job.db, job.config);
  },
);
