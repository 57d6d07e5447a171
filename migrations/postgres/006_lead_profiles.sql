-- What the practitioner prepares from beyond the answers (src/leads/lead.ts LeadProfile),
-- and a returning email finds its lead.
ALTER TABLE leads ADD COLUMN profile jsonb;
CREATE INDEX leads_by_email ON leads (lower(email));
CREATE INDEX leads_by_updated ON leads (updated_at);
