"""Bulk order status changes run as a job, through change_order_status for each order, refusals collected."""

import pytest

from orders.models import Order, OrderStatusChange
from shopplatform.backoffice.jobs import runner, services
from shopplatform.backoffice.jobs.models import Job
from tests.factories import OrderFactory
from webhooks.models import Event

pytestmark = pytest.mark.django_db


def test_each_order_moves_through_the_workflow_and_refusals_are_listed_in_words(run_jobs, admin_user):
    movable = OrderFactory.create_batch(3, status="processing")
    canceled = OrderFactory(status="canceled")
    already = OrderFactory(status="sent")
    ids = [order.pk for order in [*movable, canceled, already]]

    job = run_jobs(services.start_order_status_change, order_ids=ids, status="sent", user=admin_user)

    assert (job.state, job.done, job.total) == (Job.State.DONE, 5, 5)
    assert job.counts == {"changed": 3, "unchanged": 1, "failed": 1}
    assert set(Order.objects.filter(pk__in=[o.pk for o in movable]).values_list("status", flat=True)) == {"sent"}
    assert OrderStatusChange.objects.filter(to_status="sent", changed_by=admin_user).count() == 3
    assert Event.objects.filter(type="order.status_changed").count() == 3
    assert len(job.errors) == 1 and job.errors[0]["message"].startswith(f"Order #{canceled.number}: ")
    assert Order.objects.get(pk=canceled.pk).status == "canceled"


def test_an_unknown_status_is_refused_before_any_job_starts():
    with pytest.raises(services.JobRefused, match="not an order status"):
        services.start_order_status_change(order_ids=[1], status="lost")
    assert not Job.objects.exists()


def test_a_job_runs_once_even_if_its_task_is_delivered_twice(run_jobs):
    order = OrderFactory(status="processing")
    job = run_jobs(services.start_order_status_change, order_ids=[order.pk], status="sent")

    runner.run_job(job_id=job.pk)

    assert OrderStatusChange.objects.filter(order=order).count() == 1
