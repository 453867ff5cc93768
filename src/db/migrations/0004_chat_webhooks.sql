-- 0004_chat_webhooks.sql - what the gym app keeps from Stream webhooks (incident A: webhooks for
-- a channel with no room dropped notifications).
-- A room's last message time and each member's unread count, updated by message.new.
alter table chat_rooms add column last_message_at timestamptz;

create table chat_room_unread (
  room_id      bigint not null references chat_rooms (id) on delete cascade,
  user_id      bigint not null references users (id) on delete cascade,
  unread_count integer not null default 0 check (unread_count >= 0),
  primary key (room_id, user_id)
);

-- Every processed X-Webhook-Id, written in the same transaction as the delivery's effect, so a
-- retried or duplicated delivery (Stream retries; two may race) has its effect exactly once.
create table chat_webhook_deliveries (
  webhook_id   text primary key check (webhook_id <> ''),
  event_type   text not null,
  processed_at timestamptz not null default now()
);
