-- Issue 8, batch consumption: the daily series of one campaign (GET /v1/analytics/daily?campaign_id=) reads its own
-- rows instead of every row of the tenant in the date range (a year of 1,000 campaigns is 365,000 rows).
CREATE INDEX daily_analytics_tenant_campaign_date ON daily_analytics (tenant_id, campaign_id, date);
