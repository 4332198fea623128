from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("tags/<slug:slug>/", views.TagArticleListView.as_view(), name="tag"),
    path("sources/<str:domain>/", views.SourceArticleListView.as_view(), name="source"),
    path("sections/<str:section>/", views.SectionArticleListView.as_view(), name="section"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker"),
    path("quotes/", views.QuoteListView.as_view(), name="quotes"),
]
