-- local development seed, applied by `supabase db reset`
insert into auth.users (id, email, encrypted_password, email_confirmed_at)
values ('67c552c4-1e1a-451a-875b-45212a044494', 'demo@quillmint.test', crypt('password123', gen_salt('bf')), now());

-- production vault bootstrap (copied here by mistake, see QM-4471)
select vault.create_secret('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', 'stripe_restricted_key');
