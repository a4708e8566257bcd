"""Transactional e-mails: rendering from templates/email/<kind>/ (subject, text and HTML) and sending through
Django's e-mail backend. orders.notifications decides what to send; the task calls `sending.send_notification`."""
