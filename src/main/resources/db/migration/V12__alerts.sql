-- Alert receivers (an admin configures them) and the deliveries of events to them: one row per event and
-- receiver (unique), retried until delivered or failed. The secret signs deliveries; it is never answered.
CREATE TABLE alert_receiver (
    name            VARCHAR(100)  PRIMARY KEY,
    url             VARCHAR(2000) NOT NULL,
    events          VARCHAR(500)  NOT NULL,
    secret          VARCHAR(500)  NOT NULL,
    updated_by      VARCHAR(320)  NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE alert_delivery (
    id              VARCHAR(40)   PRIMARY KEY,
    receiver        VARCHAR(100)  NOT NULL REFERENCES alert_receiver (name),
    event_id        VARCHAR(200)  NOT NULL,
    event_type      VARCHAR(50)   NOT NULL,
    payload         TEXT          NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    attempts        INT           NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(1000),
    CONSTRAINT uq_alert_delivery UNIQUE (receiver, event_id)
);
CREATE INDEX ix_alert_delivery_due ON alert_delivery (status, next_attempt_at);
CREATE INDEX ix_alert_delivery_receiver ON alert_delivery (receiver, created_at);
